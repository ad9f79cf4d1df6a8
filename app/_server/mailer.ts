import nodemailer from "nodemailer";
import { readEnv, type ServerEnv } from "./env";

/** Sends plain-text mail; only the "forgot password" email uses it. */
export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/** The mailer of ML_DOJO_SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS from the start), or null. */
export function configuredMailer(env: ServerEnv = readEnv()): Mailer | null {
  if (!env.ML_DOJO_SMTP_URL) return null;
  const transport = nodemailer.createTransport(env.ML_DOJO_SMTP_URL);
  const from = env.ML_DOJO_SMTP_FROM ?? `ml-dojo <no-reply@${new URL(env.NEXTAUTH_URL ?? "http://localhost").hostname}>`;
  return {
    async send({ to, subject, text }) {
      await transport.sendMail({ from, to, subject, text });
    },
  };
}
