import type Html from '@kitajs/html';
import type { Locale } from '../i18n/index.js';
import { mailLabels } from './mail.labels.js';

/**
 * The frame's whole style sheet, in one `<style>` element (no `style` attribute anywhere): the outbox
 * preview allows exactly this block by its hash, without 'unsafe-inline'. It is escaped like any text, so
 * it must not contain `& < > " '` (a test checks it). A mail must still read well
 * where styles are dropped: semantic HTML, no layout tables, no images.
 */
export const MAIL_CSS =
  'body{margin:0;padding:0;background:#f6f6f6;color:#161616;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5}' +
  '.fi-mail{max-width:600px;margin:0 auto;padding:24px 16px}' +
  '.fi-mail__header{border-bottom:4px solid #000091;padding-bottom:12px;margin-bottom:24px}' +
  '.fi-mail__brand{margin:0;color:#000091;font-size:20px;font-weight:bold}' +
  '.fi-mail__tagline{margin:0;color:#3a3a3a;font-size:14px}' +
  '.fi-mail__body{background:#ffffff;border:1px solid #dddddd;padding:24px}' +
  '.fi-mail__body h1{margin:0 0 16px;font-size:24px;line-height:1.25}' +
  '.fi-mail a{color:#000091;text-decoration:underline}' +
  '.fi-mail__footer{margin-top:24px;color:#3a3a3a;font-size:14px}';

export interface MailFrameProps {
  locale: Locale;
  /** The subject: the document's title and the accessible name of the message. */
  title: string;
  /** The message's body: start with an `<h1>`. Escape every text child. */
  children: Html.Children;
}

/** The common HTML frame of every e-mail: language, title, the platform's name, the automatic-mail notice. */
export function MailFrame({ locale, title, children }: MailFrameProps): JSX.Element {
  const l = mailLabels(locale).frame;
  return (
    <>
      {'<!doctype html>'}
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light" />
          <title safe>{title}</title>
          <style safe>{MAIL_CSS}</style>
        </head>
        <body>
          <div class="fi-mail" role="article" aria-roledescription="e-mail" aria-label={title}>
            <div class="fi-mail__header">
              <p class="fi-mail__brand" safe>
                {l.brand}
              </p>
              <p class="fi-mail__tagline" safe>
                {l.tagline}
              </p>
            </div>
            <div class="fi-mail__body">{children}</div>
            <div class="fi-mail__footer">
              <p safe>{l.automatic}</p>
            </div>
          </div>
        </body>
      </html>
    </>
  );
}

/** The common plain-text frame: the body, then the automatic-mail notice after a signature separator. */
export function textFrame(locale: Locale, paragraphs: readonly string[]): string {
  return `${paragraphs.join('\n\n')}\n\n-- \n${mailLabels(locale).frame.automatic}\n`;
}
