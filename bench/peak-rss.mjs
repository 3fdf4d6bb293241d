// `node --import bench/peak-rss.mjs …`: at exit, appends the process's peak
// resident memory in bytes to $GALLEY_BENCH_RSS_FILE.
import fs from 'node:fs'

process.on('exit', () => {
  const file = process.env.GALLEY_BENCH_RSS_FILE
  if (file) fs.appendFileSync(file, `${process.resourceUsage().maxRSS * 1024}\n`)
})
