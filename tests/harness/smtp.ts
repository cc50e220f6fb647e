import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { freePort } from "./process";

// A real SMTP server (npm smtp-server) on 127.0.0.1 and a random port, no TLS, any login accepted:
// every message is parsed with mailparser and kept, so tests read what was sent as a mail client would.

export type ReceivedMail = {
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  at: number;
};

export type SmtpHandle = {
  url: string;
  messages: ReceivedMail[];
  /** Resolves with the first message (new ones included) for which `match` holds. */
  waitFor(match: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** The next `n` messages are received and kept, but their 250 is held until `release()` (a sender that dies meanwhile never hears it). */
  holdNext(n?: number): void;
  release(): void;
  stop(): Promise<void>;
};

const addresses = (p: ParsedMail["to"]) =>
  p ? (Array.isArray(p) ? p : [p]).flatMap((a) => a.value.map((v) => v.address ?? "")) : [];

export async function startSmtp(): Promise<SmtpHandle> {
  const messages: ReceivedMail[] = [];
  let hold = 0;
  const held: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream).then((mail) => {
        messages.push({
          to: addresses(mail.to),
          subject: mail.subject ?? "",
          text: mail.text ?? "",
          html: typeof mail.html === "string" ? mail.html : "",
          headers: mail.headers,
          at: Date.now(),
        });
        if (hold > 0) {
          hold -= 1;
          held.push(() => done());
        } else done();
      }, done);
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(match, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = messages.find(match);
        if (hit) return hit;
        if (Date.now() > deadline)
          throw new Error(`no matching e-mail within ${timeoutMs} ms (${messages.length} received)`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    holdNext: (n = 1) => void (hold = n),
    release: () =>
      held.splice(0).forEach((answer) => {
        try {
          answer();
        } catch {
          /* the client is gone */
        }
      }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
