/**
 * The API report of a package's entry point: the names it exports, each marked as a value or a
 * type, read by the TypeScript compiler from the entry's source (so re-exports are followed).
 * A package's test compares it with the list it promises, so that every addition is a reviewed
 * change.
 *
 * @module
 */
import ts from "typescript"

/**
 * The sorted export names of the module at `entry` (a `.ts` path): `"LinkSignInForm"` for a value
 * (or a class), `"type LinkFormState"` for a type only.
 *
 * @example
 * ```ts
 * expect(exportNames(join(here, "../src/index.ts"))).toEqual(["LoginWithLink", "type LinkOutcome"])
 * ```
 */
export function exportNames(entry: string): string[] {
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(entry)
  const module = source && checker.getSymbolAtLocation(source)
  if (!module) throw new Error(`exportNames: ${entry} is not a module`)
  return checker
    .getExportsOfModule(module)
    .map((symbol) => {
      const target =
        symbol.flags & ts.SymbolFlags.Alias
          ? checker.getAliasedSymbol(symbol)
          : symbol
      return target.flags & ts.SymbolFlags.Value
        ? symbol.name
        : `type ${symbol.name}`
    })
    .sort((a, b) =>
      a.replace(/^type /, "").localeCompare(b.replace(/^type /, ""))
    )
}
