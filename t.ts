import { prepareArticle } from './src/article.ts'
import { reporter } from 'vfile-reporter'
const t0 = performance.now()
const { article, files } = prepareArticle('manuscript/letter.md', {template: '/tmp/tpl'})
console.log(reporter(files), performance.now() - t0)
if (article) {
  console.log(article.meta)
  console.log(article.references.map(r => [r.number, r.key, JSON.stringify(r.formatted).slice(0, 200)]))
  console.log(JSON.stringify(article.tree.children.slice(0, 3), (k, v) => k === 'position' ? undefined : v).slice(0, 1500))
}
