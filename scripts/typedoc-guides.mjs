// typedoc plugin (typedoc.json "plugin"): the guides under docs/ become pages of the site, and the
// README's links to them lead to those pages.
//
// - README.md links to the guides with absolute GitHub URLs (it is also read on the registry and in
//   node_modules/, where docs/ is absent). In the site, a link to a guide that is one of the
//   project documents (typedoc.json "projectDocuments") is rewritten to the relative path of the
//   guide, which typedoc turns into a link to the guide's page.
// - A guide's relative link to a repository file that is not a project document (a script under
//   examples/, say) becomes its absolute GitHub URL, so that the site links to the file instead of
//   copying it into media/.
// - A guide's page is named by its first `# ` heading (up to a colon), not by its file name.
// Line numbers are kept (links are rewritten within their line), so typedoc's messages stay right.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Converter } from 'typedoc';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** https://github.com/owner/name/blob/main/ */
const blob = `${pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')}/blob/main/`;

const toPosix = (path) => path.split(sep).join('/');

/** Rewrites the Markdown links of `text`, a file at `file`, as the header describes. */
function rewriteLinks(text, file, documents) {
  const from = dirname(file);
  return text.replace(/\]\(([^)\s]+)\)/g, (whole, target) => {
    if (target.startsWith(blob)) {
      const [path, anchor] = target.slice(blob.length).split('#');
      const absolute = join(root, path);
      if (!documents.has(absolute)) return whole;
      return `](${toPosix(relative(from, absolute))}${anchor === undefined ? '' : `#${anchor}`})`;
    }
    if (/^[a-z][a-z0-9+.-]*:|^#|^\//i.test(target)) return whole;
    const [path, anchor] = target.split('#');
    const absolute = resolve(from, path);
    if (documents.has(absolute) || !existsSync(absolute)) return whole;
    const inRepo = toPosix(relative(root, absolute));
    if (inRepo.startsWith('..')) return whole;
    return `](${blob}${inRepo}${anchor === undefined ? '' : `#${anchor}`})`;
  });
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  const converter = app.converter;
  const parse = converter.parseRawComment.bind(converter);
  converter.parseRawComment = (file, files) => {
    const documents = new Set(
      (app.options.getValue('projectDocuments') ?? []).map((path) => resolve(root, path)),
    );
    const isMarkdown = /\.md$/i.test(file.fileName);
    if (!isMarkdown) return parse(file, files);
    const text = rewriteLinks(file.text, resolve(file.fileName), documents);
    return parse(text === file.text ? file : new file.constructor(text, file.fileName), files);
  };
  converter.on(Converter.EVENT_CREATE_DOCUMENT, (_context, document) => {
    const heading = document.content
      .map((part) => part.text)
      .join('')
      .match(/^# (.+)$/m);
    if (heading !== null) document.name = heading[1].split(': ')[0].trim();
  });
}
