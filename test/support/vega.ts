import { logger, parse, View, Warn } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Compiles a Vega-Lite spec and renders it to SVG headlessly. Any error, and any warning of
 * Vega-Lite or Vega (an unknown property, a field that is not found, a scale that cannot be
 * built), fails the test: a spec that does not render cleanly is a broken spec.
 */
export async function renderSvg(spec: object): Promise<string> {
  const messages: string[] = [];
  const log = logger(Warn, undefined, (_method, level, args) => {
    messages.push(`${level} ${args.map(String).join(' ')}`);
  });
  const vegaSpec = compile(spec as unknown as TopLevelSpec, { logger: log }).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none', logger: log, logLevel: Warn });
  try {
    const svg = await view.toSVG();
    if (messages.length > 0) throw new Error(`Vega-Lite / Vega logged: ${messages.join('; ')}`);
    return svg;
  } finally {
    view.finalize();
  }
}

/** The text of every `<text>` element of an SVG (axes, legend, title, marks), in document order. */
export function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '');
}
