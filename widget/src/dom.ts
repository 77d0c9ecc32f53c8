/** Builds an element with its properties (or attributes) and text; text is always textContent, never HTML. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string | number>,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name in node && !name.includes('-') && name !== 'role')
      (node as unknown as Record<string, unknown>)[name] = value;
    else node.setAttribute(name, String(value));
  }
  if (text !== undefined) node.textContent = text;
  return node;
}
