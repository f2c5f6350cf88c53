// Text for MarkdownString: our strings are plain text, so Markdown syntax in them is escaped.
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
