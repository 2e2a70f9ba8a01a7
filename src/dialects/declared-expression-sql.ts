/**
 * The expression as the engine `family` must read it: every quoted name, written `"name"` or `` `name` ``, in that
 * engine's own quotes. declaredExpressionProblem (rules/declared-expression.ts) reads both as names, so a MySQL
 * target reading `"value"` as the text 'value' (its default without ANSI_QUOTES) would run something other than
 * what was checked; literals are copied as they are. Only called on text declaredExpressionProblem accepted.
 *
 * @example expressionFor('"ref high" > 0', 'mysql') // '`ref high` > 0'
 */
export function expressionFor(text: string, family: 'postgres' | 'mysql'): string {
  const quote = family === 'mysql' ? '`' : '"'
  let out = ''
  for (let i = 0; i < text.length;) {
    const c = text[i]!
    if (c === "'") {
      let end = i + 1
      while (end < text.length) {
        if (text[end] === '\\') end += 2
        else if (text[end] === "'" && text[end + 1] === "'") end += 2
        else if (text[end] === "'") break
        else end++
      }
      out += text.slice(i, end + 1)
      i = end + 1
    } else if (c === '"' || c === '`') {
      let name = ''
      let end = i + 1
      while (end < text.length) {
        if (text[end] === c && text[end + 1] === c) {
          name += c
          end += 2
        } else if (text[end] === c) break
        else name += text.charAt(end++)
      }
      out += quote + name.replaceAll(quote, quote + quote) + quote
      i = end + 1
    } else {
      out += c
      i++
    }
  }
  return out
}
