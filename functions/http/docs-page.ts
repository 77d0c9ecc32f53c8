import type { OpenAPIObject } from 'openapi3-ts/oas31';

interface OperationView {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: unknown; description?: string }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const escapeHtml = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

const schemaName = (schema: unknown): string => {
  if (schema && typeof schema === 'object' && '$ref' in schema)
    return (
      String((schema as { $ref: string }).$ref)
        .split('/')
        .pop() ?? ''
    );
  return 'inline';
};

/** A readable, self-contained API reference rendered from the OpenAPI document (no CDN assets: works offline). */
export function renderDocsPage(doc: OpenAPIObject): string {
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = (item as Record<string, OperationView | undefined>)[method];
      return op ? [{ path, method, op }] : [];
    }),
  );
  const byTag = new Map<string, typeof operations>();
  for (const entry of operations) {
    const tag = entry.op.tags?.[0] ?? 'Other';
    byTag.set(tag, [...(byTag.get(tag) ?? []), entry]);
  }

  const sections = [...byTag.entries()].map(([tag, entries]) => {
    const items = entries.map(({ path, method, op }) => {
      const params = (op.parameters ?? [])
        .map(
          (p) =>
            `<li><code>${escapeHtml(p.name)}</code> in ${escapeHtml(p.in)}${p.required ? ' (required)' : ''}${p.description ? ` — ${escapeHtml(p.description)}` : ''}</li>`,
        )
        .join('');
      const body = op.requestBody?.content?.['application/json']?.schema;
      const responses = Object.entries(op.responses ?? {})
        .map(([status, response]) => {
          const [type, media] = Object.entries(response.content ?? {})[0] ?? [];
          const schema = media?.schema
            ? ` <a href="#schema-${escapeHtml(schemaName(media.schema))}">${escapeHtml(schemaName(media.schema))}</a>`
            : '';
          return `<li><strong>${escapeHtml(status)}</strong> ${escapeHtml(response.description ?? '')}${type ? ` <code>${escapeHtml(type)}</code>` : ''}${schema}</li>`;
        })
        .join('');
      return `<article id="${escapeHtml(op.operationId ?? '')}">
  <h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
  <p class="op-id">operationId <code>${escapeHtml(op.operationId ?? '')}</code></p>
  ${op.summary ? `<p>${escapeHtml(op.summary)}</p>` : ''}${op.description ? `<p>${escapeHtml(op.description)}</p>` : ''}
  ${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ''}
  ${body ? `<h4>Request body</h4><p><code>application/json</code> <a href="#schema-${escapeHtml(schemaName(body))}">${escapeHtml(schemaName(body))}</a></p>` : ''}
  <h4>Responses</h4><ul>${responses}</ul>
</article>`;
    });
    return `<section><h2>${escapeHtml(tag)}</h2>${items.join('\n')}</section>`;
  });

  const schemas = Object.entries(doc.components?.schemas ?? {})
    .map(
      ([name, schema]) =>
        `<article id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></article>`,
    )
    .join('\n');

  const toc = operations
    .map(
      ({ method, path, op }) =>
        `<li><a href="#${escapeHtml(op.operationId ?? '')}">${escapeHtml(op.operationId ?? `${method} ${path}`)}</a></li>`,
    )
    .join('');

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} reference</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;display:grid;grid-template-columns:16rem minmax(0,1fr);color:#1d2433}
nav{position:sticky;top:0;height:100vh;overflow:auto;background:#f4f6fa;padding:1rem;box-sizing:border-box}
main{padding:1rem 2rem;max-width:60rem;min-width:0}article{border-top:1px solid #dde2ea;padding:.5rem 0}
.method{display:inline-block;min-width:3.5rem;text-align:center;border-radius:4px;color:#fff;font-size:.8rem;padding:.1rem .3rem}
.get{background:#1b7f4b}.post{background:#1f5fbf}.put{background:#a8680b}.delete{background:#b3261e}.patch{background:#6b3fa0}
pre{background:#f4f6fa;padding:.75rem;overflow:auto;font-size:.8rem}.op-id{color:#5a6478;font-size:.85rem}
</style></head>
<body><nav><h1>${escapeHtml(doc.info.title)}</h1><p>version ${escapeHtml(doc.info.version)} · <a href="/openapi.json">openapi.json</a></p><ul>${toc}</ul></nav>
<main><p>${escapeHtml(doc.info.description ?? '')}</p>${sections.join('\n')}<section><h2>Schemas</h2>${schemas}</section></main></body></html>`;
}
