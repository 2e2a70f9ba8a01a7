// `dbtwin --version` alone is answered before commander and the CLI load: they cost more than node's own start-up
// (issue 21.5: 0.31 s against bare node's 0.22 s). main() still declares the option, for --help and other uses.
const args = process.argv.slice(2)
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { VERSION } = await import('../version.js')
  process.stdout.write(`${VERSION}\n`)
} else {
  const { main } = await import('./main.js')
  await main(process.argv)
}
