import { parseAll, type ParsedFile, type SourceInput } from '@infralint/core';

/** Parse every source file. */
export async function parseFiles(sources: readonly SourceInput[]): Promise<ParsedFile[]> {
  return parseAll(sources);
}
