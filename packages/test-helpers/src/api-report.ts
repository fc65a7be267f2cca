/**
 * `apiReport()`: the names an entry point exports, values and types apart, read by the TypeScript
 * compiler from the entry's source, as a short text to snapshot. A package's API report test
 * compares it with the checked-in report, so that every name added to or removed from an entry is
 * a reviewed change.
 *
 * @module
 */
import ts from "typescript"

/** The names an entry exports. */
export interface ExportNames {
  /** Functions, classes, constants: what exists at run time. */
  values: string[]
  /** Interfaces and type aliases: what exists in the types only. */
  types: string[]
}

/** The export names of a TypeScript entry (`src/index.ts`), each list sorted. */
export function exportNames(entry: string): ExportNames {
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    // React packages' entries re-export .tsx modules.
    jsx: ts.JsxEmit.ReactJSX,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(entry)
  const symbol = source && checker.getSymbolAtLocation(source)
  if (!symbol) throw new Error(`apiReport: ${entry} is not a module`)
  const values: string[] = []
  const types: string[] = []
  for (const exported of checker.getExportsOfModule(symbol)) {
    const target =
      exported.flags & ts.SymbolFlags.Alias
        ? checker.getAliasedSymbol(exported)
        : exported
    const isValue = (target.flags & ts.SymbolFlags.Value) !== 0
    ;(isValue ? values : types).push(exported.getName())
  }
  return { values: values.sort(), types: types.sort() }
}

/**
 * The API report of a package's entries, as text: one section per entry, its values then its
 * types, one name a line.
 *
 * @example
 * ```ts
 * await expect(apiReport({ ".": join(src, "index.ts") })).toMatchFileSnapshot("../api-report.md")
 * ```
 */
export function apiReport(entries: Record<string, string>): string {
  const sections = Object.entries(entries).map(([name, entry]) => {
    const { values, types } = exportNames(entry)
    return [
      `## ${name}`,
      "",
      `Values (${values.length}):`,
      "",
      ...values.map((value) => `- ${value}`),
      "",
      `Types (${types.length}):`,
      "",
      ...types.map((type) => `- ${type}`),
    ].join("\n")
  })
  return `# API report\n\n${sections.join("\n\n")}\n`
}
