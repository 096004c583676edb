// Mail services on loopback for the delivery tests: a real SMTP server (smtp-server) that keeps
// what it receives, and a stand-in for GOV.UK Notify's email endpoint (the real one cannot be
// reached from here) that checks each request's path, bearer token and body as Notify does.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import http from "node:http";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
}

/** An SMTP server; `refuseOnce` addresses are refused at RCPT TO the first time they are sent to. */
export async function startSmtpServer(port: number, refuseOnce: string[] = []) {
  const received: ReceivedMail[] = [];
  const refused = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuseOnce.includes(address.address) && !refused.has(address.address)) {
        refused.add(address.address);
        return callback(Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 450 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push(parseMail(Buffer.concat(chunks).toString("utf8"), session));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function parseMail(
  raw: string,
  session: { envelope: { mailFrom: false | { address: string }; rcptTo: { address: string }[] } },
) {
  const [head, ...rest] = raw.split("\r\n\r\n");
  const headers = head.replace(/\r\n[ \t]+/g, " ");
  const subject = /^Subject: (.*)$/m.exec(headers)?.[1] ?? "";
  const qp = /^Content-Transfer-Encoding: quoted-printable/im.test(headers);
  let text = rest.join("\r\n\r\n");
  if (qp)
    text = Buffer.from(
      text.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))),
      "latin1",
    ).toString("utf8");
  return {
    from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
    to: session.envelope.rcptTo.map((r) => r.address),
    subject: decodeWord(subject),
    text: text.replace(/\r\n/g, "\n").trim(),
  };
}

// "=?UTF-8?Q?...?=" words, which nodemailer uses for subjects beyond plain ASCII.
const decodeWord = (s: string) =>
  s.replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, q: string) =>
    Buffer.from(
      q.replace(/_/g, " ").replace(/=([0-9A-F]{2})/g, (_m, h) => String.fromCharCode(parseInt(h, 16))),
      "latin1",
    ).toString("utf8"),
  );

export interface NotifyRequest {
  email_address: string;
  template_id: string;
  personalisation: Record<string, string>;
  reference: string;
}

/** A stand-in for Notify's POST /v2/notifications/email; `failOnce` addresses get one 500 first. */
export async function startNotifyStandIn(
  port: number,
  key: { serviceId: string; secret: string },
  failOnce: string[] = [],
) {
  const accepted: NotifyRequest[] = [];
  const problems: string[] = [];
  const failed = new Set<string>();
  const answer = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const refuse = (status: number, message: string) => {
      problems.push(message);
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ status_code: status, errors: [{ error: "BadRequestError", message }] }));
    };
    if (req.method !== "POST" || req.url !== "/v2/notifications/email")
      return refuse(404, `unexpected ${req.method} ${req.url}`);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const tokenProblem = token ? checkToken(token, key) : "no bearer token";
    if (tokenProblem) return refuse(403, tokenProblem);
    let json: NotifyRequest;
    try {
      json = JSON.parse(body);
    } catch {
      return refuse(400, "body is not JSON");
    }
    const shape =
      typeof json.email_address === "string" &&
      /^[0-9a-f-]{36}$/.test(json.template_id) &&
      typeof json.reference === "string" &&
      json.personalisation !== null &&
      typeof json.personalisation === "object" &&
      Object.values(json.personalisation).every((v) => typeof v === "string") &&
      Object.keys(json).every((k) => ["email_address", "template_id", "personalisation", "reference"].includes(k));
    if (!shape) return refuse(400, `body has the wrong shape: ${body.slice(0, 200)}`);
    if (failOnce.includes(json.email_address) && !failed.has(json.email_address)) {
      failed.add(json.email_address);
      res.writeHead(500, { "content-type": "application/json" });
      return res.end(
        JSON.stringify({ status_code: 500, errors: [{ error: "Exception", message: "Internal server error" }] }),
      );
    }
    accepted.push(json);
    const id = randomUUID();
    res.writeHead(201, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id,
        reference: json.reference,
        content: {
          subject: json.personalisation.subject,
          body: json.personalisation.body,
          from_email: "engage@notifications.service.gov.uk",
        },
        uri: `http://127.0.0.1:${port}/v2/notifications/${id}`,
        template: { id: json.template_id, version: 1, uri: `http://127.0.0.1:${port}/v2/template/${json.template_id}` },
      }),
    );
  };
  const server = http.createServer((req, res) => void answer(req, res));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { accepted, problems, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Notify's API token: a JWT signed HS256 with the key's secret, issued by the service id, recent. */
function checkToken(token: string, key: { serviceId: string; secret: string }): string | null {
  const [h, p, s] = token.split(".");
  if (!h || !p || !s) return "the token is not a JWT";
  const header = JSON.parse(Buffer.from(h, "base64url").toString());
  const payload = JSON.parse(Buffer.from(p, "base64url").toString());
  if (header.alg !== "HS256" || header.typ !== "JWT") return `unexpected token header ${JSON.stringify(header)}`;
  const expected = createHmac("sha256", key.secret).update(`${h}.${p}`).digest();
  const given = Buffer.from(s, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "the token's signature is wrong";
  if (payload.iss !== key.serviceId) return `the token's issuer ${payload.iss} is not the service id`;
  if (typeof payload.iat !== "number" || Math.abs(Date.now() / 1000 - payload.iat) > 30)
    return "the token is not recent";
  return null;
}
