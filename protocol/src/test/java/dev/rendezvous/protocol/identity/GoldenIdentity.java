package dev.rendezvous.protocol.identity;

/**
 * Derivations of the all-zero private key, computed outside Java with Python's hashlib and hmac:
 *
 * <pre>
 * client_id = sha256(b"rendezvous/client-id/v1\\x00" + key)[:16]
 * verifier  = sha256(b"rendezvous/key-verifier/v1\\x00" + key)
 * mac_key   = hmac.new(key, b"rendezvous/pulse-mac-key/v2", sha256)
 * </pre>
 */
final class GoldenIdentity {
  static final String ZERO_KEY_CLIENT_ID = "5a138b661307e7d8a9356f0502989058";
  static final String ZERO_KEY_VERIFIER =
      "cd1a736bcb0217f84298bc034cc71640725845a6ad3538db7bbb8d91956141f7";
  static final String ZERO_KEY_MAC_KEY =
      "1c9dbaec3536690c25309dddf720a3f3a5c9a0a91d09abb66c13fab0fc99d6aa";

  private GoldenIdentity() {}
}
