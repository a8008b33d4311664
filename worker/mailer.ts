// The mail transport: SMTP when SMTP_URL is set, otherwise messages are only kept in the
// notification table (nodemailer's JSON transport renders them without sending).
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config/index.ts';

export function createMailer(config: Config): Transporter {
  return config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : nodemailer.createTransport({ jsonTransport: true });
}
