/**
 * Rendered plans keep their structure under any user text (issue 13): arbitrary strings go into
 * every user-text field of a customised plan (a replaced and an added step's title, description,
 * tasks and example; a custom KPI's name and description), the Markdown is parsed with
 * markdown-it (CommonMark with GFM tables), and its headings, lists, table rows and every other
 * construct are the same as with plain text in those fields; the plain-text format keeps its lines.
 */
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { buildRetentionPlan, renderRetentionPlan } from '../../src/index.js';

const parser = new MarkdownIt('commonmark').enable('table').enable('strikethrough');

interface Texts {
  readonly title: string;
  readonly description: string;
  readonly task: string;
  readonly example: string;
  readonly addedTitle: string;
  readonly kpiName: string;
  readonly kpiDescription: string;
}

function planOf(t: Texts) {
  return buildRetentionPlan({
    locale: 'en',
    customize: {
      replace: [
        {
          id: 'segmentation',
          title: t.title,
          description: t.description,
          tasks: [t.task, 'second task'],
          example: t.example,
          owners: ['analysts'],
        },
      ],
      add: [
        {
          id: 'custom-step',
          title: t.addedTitle,
          description: t.description,
          tasks: [t.task],
          owners: ['marketing'],
          kpis: ['custom-kpi'],
        },
      ],
      kpis: [
        {
          metric: 'custom-kpi',
          name: t.kpiName,
          description: t.kpiDescription,
          unit: 'quantity',
          direction: 'increase',
        },
      ],
    },
  });
}

/** The document's structure: every token and inline token type, without the text itself. */
function structure(markdown: string): string[] {
  const out: string[] = [];
  for (const token of parser.parse(markdown, {})) {
    if (token.type !== 'inline') {
      out.push(`${token.type}:${token.tag}`);
      continue;
    }
    for (const child of token.children ?? []) {
      if (child.type !== 'text' && child.type !== 'text_special') out.push(`  ${child.type}`);
    }
  }
  return out;
}

function headings(markdown: string): string[] {
  const tokens = parser.parse(markdown, {});
  return tokens.flatMap((token, i) =>
    token.type === 'heading_open'
      ? [`${token.tag} ${(tokens[i + 1]?.children ?? []).map((c) => c.content).join('')}`]
      : [],
  );
}

const plain: Texts = {
  title: 'Plain title',
  description: 'Plain description',
  task: 'Plain task',
  example: 'Plain example',
  addedTitle: 'Added title',
  kpiName: 'Plain KPI',
  kpiDescription: 'Plain KPI description',
};

/** Strings that are not blank (the plan refuses blank text), biased to Markdown syntax. */
const hostile = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc
      .array(
        fc.constantFrom(
          '```',
          '~~~',
          '<!--',
          '-->',
          '<script>',
          '</div>',
          '\n',
          '\r',
          '\r\n',
          '|',
          '\\|',
          '#',
          '# ',
          '- ',
          '* ',
          '1. ',
          '> ',
          '    ',
          '\t',
          '[x](y)',
          '![i](j)',
          '**',
          '_',
          '`',
          '&amp;',
          '===',
          '---',
          'text',
          ' ',
          '\\',
          '<',
          '\u2028',
        ),
        { minLength: 1, maxLength: 8 },
      )
      .map((parts) => parts.join('')),
  )
  .filter((s) => s.trim() !== '');

const texts = fc.record({
  title: hostile,
  description: hostile,
  task: hostile,
  example: hostile,
  addedTitle: hostile,
  kpiName: hostile,
  kpiDescription: hostile,
});

describe('renderRetentionPlan escapes user text', () => {
  const plainMarkdown = renderRetentionPlan(planOf(plain));
  const plainStructure = structure(plainMarkdown);
  const plainHeadings = headings(plainMarkdown).length;

  it('has the structure of the plain plan under the texts of issue 13', () => {
    const cases: Texts[] = [
      { ...plain, description: '```' },
      { ...plain, description: '<!--' },
      { ...plain, title: 'Two\nlines' },
      { ...plain, kpiName: 'a\rb' },
      { ...plain, kpiName: 'a \\| b' },
      { ...plain, task: '<script>alert(1)</script>' },
      { ...plain, title: '# Not a heading #' },
      { ...plain, description: '- not a list' },
    ];
    for (const t of cases) {
      const markdown = renderRetentionPlan(planOf(t));
      expect(structure(markdown)).toEqual(plainStructure);
      expect(markdown).not.toContain('<script>');
    }
    // 27 headings in the plain plan stay 27 (the issue saw 16 after a fence).
    expect(plainHeadings).toBeGreaterThan(20);
  });

  it('shows the text itself: a title with a line break is one heading reading the same words', () => {
    const markdown = renderRetentionPlan(planOf({ ...plain, title: 'Two\nlines <b>*x*</b>' }));
    expect(headings(markdown)).toContainEqual(
      expect.stringMatching(/^h2 \d+\. Two lines <b>\*x\*<\/b>$/),
    );
  });

  it('keeps every heading, list and table row for arbitrary strings in every user-text field', () => {
    fc.assert(
      fc.property(texts, (t) => {
        const markdown = renderRetentionPlan(planOf(t));
        expect(structure(markdown)).toEqual(plainStructure);
        const text = renderRetentionPlan(planOf(t), { format: 'text' });
        expect(text.split('\n').length).toBe(
          renderRetentionPlan(planOf(plain), { format: 'text' }).split('\n').length,
        );
      }),
      { numRuns: 150 },
    );
    // 450 renders, each validating its plan: seconds on a loaded machine.
  }, 30_000);
});
