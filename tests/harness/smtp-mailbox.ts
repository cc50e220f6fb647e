import http from "node:http";
import { freePort } from "./process";
import { startSmtp, type SmtpHandle } from "./smtp";

// The e2e suite's mail server: the real SMTP server of tests/harness/smtp.ts, plus a tiny HTTP view of its
// inbox (GET /messages → [{to, subject, text}]) so Playwright specs, which run in other processes than the
// global setup that owns the server, can read what was sent — like a person reading Mailpit.
export async function startMailbox(): Promise<{ smtpUrl: string; mailboxUrl: string; stop: () => Promise<void> }> {
  const smtp: SmtpHandle = await startSmtp();
  const port = await freePort();
  const server = http.createServer((req, res) => {
    if (req.url !== "/messages") return void res.writeHead(404).end();
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify(smtp.messages.map((m) => ({ to: m.to, subject: m.subject, text: m.text, at: m.at }))));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    smtpUrl: smtp.url,
    mailboxUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await smtp.stop();
    },
  };
}
