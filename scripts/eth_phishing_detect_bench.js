// The comparison run for `antiscam verify -` (BENCHMARKS.md, issue 11): MetaMask's
// eth-phishing-detect over the same input, one domain per line on standard input, every line
// judged and answered with one JSON line, written in blocks of 1,000.
// Setup: npm install eth-phishing-detect@1.2.0 (in any folder), then
//   /usr/bin/time node scripts/eth_phishing_detect_bench.js < domains-100k.txt > out.jsonl
// with NODE_PATH pointing at that folder's node_modules.
const checkDomain = require('eth-phishing-detect')
const readline = require('readline')
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
const out = []
rl.on('line', (line) => {
  const d = line.trim()
  if (!d) return
  let r
  try { r = checkDomain(d) } catch (e) { r = { error: String(e) } }
  out.push(JSON.stringify({ input: d, result: r }))
  if (out.length >= 1000) { process.stdout.write(out.join('\n') + '\n'); out.length = 0 }
})
rl.on('close', () => { if (out.length) process.stdout.write(out.join('\n') + '\n') })
