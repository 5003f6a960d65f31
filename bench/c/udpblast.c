// udpblast: closed-loop UDP pulse load. S sockets, each keeps W requests in flight; each
// request is one 32-byte key (raw) taken round-robin from KEYFILE (64-hex lines), or random
// bytes with KEYFILE '-'. Key k is only ever sent from socket k mod SOCKETS, so every client
// keeps one source address and port (as behind a NAT) and the target never sees it move. Counts replies by 4-byte code; latency percentiles from send to
// reply (per-socket FIFO matching: replies to one socket are assumed in order).
// With RATE (requests per second, all sockets together) it is open-loop instead: requests leave
// on a fixed schedule whatever the replies do (at most WINDOW * 64 in flight per socket), which
// measures latency at a chosen load.
// usage: udpblast HOST PORT KEYFILE SOCKETS WINDOW SECONDS [RATE]
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static int cmpd(const void *a, const void *b) { double x = *(double *)a, y = *(double *)b; return x < y ? -1 : x > y; }
int main(int argc, char **argv) {
  if (argc < 7) { fprintf(stderr, "usage: udpblast HOST PORT KEYFILE SOCKETS WINDOW SECONDS [RATE]\n"); return 2; }
  double rate = argc > 7 ? atof(argv[7]) : 0;
  const char *host = argv[1]; int port = atoi(argv[2]); const char *kf = argv[3];
  int S = atoi(argv[4]), W = atoi(argv[5]); double T = atof(argv[6]);
  int nk = 0; unsigned char (*keys)[32] = malloc(32 * 200000);
  if (strcmp(kf, "-")) {
    FILE *f = fopen(kf, "r"); char line[256];
    if (!f) { perror(kf); return 2; }
    while (nk < 200000 && fgets(line, sizeof line, f)) {
      if (strlen(line) < 64) continue;
      for (int i = 0; i < 32; i++) sscanf(line + 2 * i, "%2hhx", &keys[nk][i]);
      nk++;
    }
    fclose(f);
  } else { nk = 1024; FILE *r = fopen("/dev/urandom", "r"); fread(keys, 32, nk, r); fclose(r); }
  if (!nk) { fprintf(stderr, "no keys\n"); return 2; }
  struct sockaddr_in dst = {.sin_family = AF_INET, .sin_port = htons(port)};
  inet_pton(AF_INET, host, &dst.sin_addr);
  int *fd = calloc(S, sizeof *fd); struct pollfd *pf = calloc(S, sizeof *pf);
  double **sent = calloc(S, sizeof *sent); int *head = calloc(S, sizeof *head), *tail = calloc(S, sizeof *tail);
  long *kc = calloc(S, sizeof *kc);
  if (nk < S) { fprintf(stderr, "need at least SOCKETS keys\n"); return 2; }
  long per = nk / S;  // keys of socket s: s, s + S, s + 2S, ...
  int cap = W * 64 + 64;
  for (int s = 0; s < S; s++) {
    fd[s] = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    // Room for the replies while this process waits for a core: a reply dropped here would shift
    // the FIFO matching of every later reply on the socket (and inflate their latencies).
    int rcv = 8 << 20;
    if (setsockopt(fd[s], SOL_SOCKET, SO_RCVBUFFORCE, &rcv, sizeof rcv)) setsockopt(fd[s], SOL_SOCKET, SO_RCVBUF, &rcv, sizeof rcv);
    connect(fd[s], (void *)&dst, sizeof dst);
    pf[s] = (struct pollfd){fd[s], POLLIN, 0};
    sent[s] = calloc(cap, sizeof(double));
  }
  size_t maxlat = 50000000; double *lat = malloc(maxlat * sizeof(double)); size_t nl = 0;
  long c1020 = 0, c1050 = 0, c1060 = 0, cother = 0, nsent = 0, lost = 0;
  double t0 = now(), end = t0 + T;
  for (int s = 0; s < S && rate <= 0; s++) for (int w = 0; w < W; w++) {
    if (send(fd[s], keys[s + S * (kc[s]++ % per)], 32, 0) == 32) { sent[s][tail[s]++ % cap] = now(); nsent++; }
  }
  unsigned char buf[2048];
  int rs = 0;
  while (now() < end) {
    if (rate > 0) {  // open loop: send what the schedule says is due, spread over the sockets
      double t = now();
      while (nsent < (long)(rate * (t - t0))) {
        rs = (rs + 1) % S;
        if (tail[rs] - head[rs] >= cap - 1) break;  // that socket's buffer of send times is full
        if (send(fd[rs], keys[rs + S * (kc[rs]++ % per)], 32, 0) != 32) break;
        sent[rs][tail[rs]++ % cap] = t; nsent++;
      }
    }
    int r;
    if (rate > 0) {  // sleep until a reply or the next request is due (no spinning: shared cores)
      double wait = (nsent + 1) / rate - (now() - t0);
      struct timespec ts = {0, wait > 0 ? (long)(wait * 1e9) : 0};
      r = ppoll(pf, S, &ts, NULL);
      if (r == 0) continue;
    } else {
      r = poll(pf, S, 200);
    }
    if (r == 0) {  // stall: count in-flight as lost and refill the windows
      for (int s = 0; s < S; s++) {
        lost += tail[s] - head[s]; head[s] = tail[s];
        for (int w = 0; w < W; w++) if (send(fd[s], keys[s + S * (kc[s]++ % per)], 32, 0) == 32) { sent[s][tail[s]++ % cap] = now(); nsent++; }
      }
      continue;
    }
    for (int s = 0; s < S; s++) {
      if (!(pf[s].revents & POLLIN)) continue;
      for (;;) {
        ssize_t n = recv(fd[s], buf, sizeof buf, 0);
        if (n < 0) break;
        if (n == 4) {
          int32_t c = (int32_t)ntohl(*(uint32_t *)buf);
          if (c == 1020) c1020++; else if (c == 1050) c1050++; else if (c == 1060) c1060++; else cother++;
        } else cother++;
        if (head[s] >= tail[s]) continue;  // a late reply to a datagram already counted lost
        double tr = now();
        if (nl < maxlat) lat[nl++] = tr - sent[s][head[s]++ % cap];
        if (rate <= 0 && tail[s] - head[s] < W && send(fd[s], keys[s + S * (kc[s]++ % per)], 32, 0) == 32) { sent[s][tail[s]++ % cap] = now(); nsent++; }
      }
    }
  }
  double el = now() - t0; long got = c1020 + c1050 + c1060 + cother;
  if (rate > 0) lost = nsent - got;  // open loop: whatever got no reply (some may be in flight)
  qsort(lat, nl, sizeof(double), cmpd);
  double p50 = nl ? lat[nl / 2] : 0, p99 = nl ? lat[(size_t)(nl * 0.99)] : 0, p999 = nl ? lat[(size_t)(nl * 0.999)] : 0;
  printf("replies/s=%.0f sent=%ld replies=%ld 1020=%ld 1050=%ld 1060=%ld other=%ld stalled_lost=%ld p50_us=%.0f p99_us=%.0f p999_us=%.0f seconds=%.2f\n",
         got / el, nsent, got, c1020, c1050, c1060, cother, lost, p50 * 1e6, p99 * 1e6, p999 * 1e6, el);
  return 0;
}
