package dev.rendezvous.cli;

import dev.rendezvous.client.http.CallPolicy;
import dev.rendezvous.protocol.identity.ClientId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "policy",
    description = {
      "Show or set whom this client accepts calls from.",
      "No argument shows it; 'everyone', 'nobody', or up to 10 client_ids (only those) sets it."
    })
final class PolicyCommand implements Callable<Integer> {
  @ParentCommand RendezvousCli root;

  @Parameters(
      paramLabel = "everyone|nobody|CLIENT_ID...",
      arity = "0..10",
      description = "The new policy (default: show the current one).")
  List<String> words = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    if (words.isEmpty()) {
      return root.callWithIdentity(me -> root.client().callPolicy(me), this::print);
    }
    CallPolicy policy;
    if (words.size() == 1 && words.get(0).equals("everyone")) {
      policy = CallPolicy.everyone();
    } else if (words.size() == 1 && words.get(0).equals("nobody")) {
      policy = CallPolicy.nobody();
    } else {
      List<ClientId> callers = new ArrayList<>();
      for (String word : words) {
        callers.add(Ids.parse(root, word));
      }
      policy = CallPolicy.only(callers);
    }
    CallPolicy wanted = policy;
    return root.callWithIdentity(me -> root.client().setCallPolicy(me, wanted), this::print);
  }

  private void print(CallPolicy policy) {
    root.out().println("accepts calls from " + policy);
  }
}
