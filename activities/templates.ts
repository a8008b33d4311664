// Renders notification templates from templates/notifications/<name>.<lang>.hbs. The first line
// of a template is the subject; the rest is the body. Messages carry Bahasa Indonesia first,
// then English.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';

export interface RenderedMessage { subject: string; text: string }
export interface TemplateRenderer { render(name: string, params: Record<string, unknown>): RenderedMessage }

export function loadTemplates(dir: string): TemplateRenderer {
  const hb = Handlebars.create();
  // One formatter for every message: constructing an Intl.DateTimeFormat costs milliseconds.
  const wib = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Jakarta' });
  hb.registerHelper('datetime', (iso: unknown) => typeof iso === 'string' ? `${wib.format(new Date(iso))} WIB` : '-');
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  for (const file of readdirSync(dir)) {
    if (file.endsWith('.hbs')) compiled.set(file.slice(0, -4), hb.compile(readFileSync(join(dir, file), 'utf8'), { noEscape: true, strict: false }));
  }
  return {
    render(name, params) {
      const id = compiled.get(`${name}.id`);
      const en = compiled.get(`${name}.en`);
      if (!id || !en) throw new Error(`notification template ${name} is missing (${name}.id.hbs and ${name}.en.hbs)`);
      const [subjectId, ...bodyId] = id(params).split('\n');
      const [subjectEn, ...bodyEn] = en(params).split('\n');
      return {
        subject: `${subjectId!.trim()} / ${subjectEn!.trim()}`,
        text: `${bodyId.join('\n').trim()}\n\n-- English --\n\n${bodyEn.join('\n').trim()}\n`,
      };
    },
  };
}
