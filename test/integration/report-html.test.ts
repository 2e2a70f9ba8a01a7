import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderHtml } from '../../src/report/render-html.js'
import { sampleReport } from '../fixtures/sample-report.js'

const CHROMIUM = '/usr/bin/chromium'
/** Git-ignored: the screenshot is for a person to look at, not a golden file. */
const OUTPUT = resolve('test-output')
const missing = !existsSync(CHROMIUM)
const skip = missing && process.env['CI'] !== 'true'
if (skip)
  console.warn(`report HTML browser test skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`)

describe.skipIf(skip)('the HTML report in headless Chromium', () => {
  let browser: Browser

  beforeAll(async () => {
    if (missing)
      throw new Error(`CI=true and ${CHROMIUM} is absent: install it with apt-get install -y chromium`)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('renders offline: summary visible, every chart drawn, no network request', async () => {
    await mkdir(OUTPUT, { recursive: true })
    const file = resolve(OUTPUT, 'report.html')
    await writeFile(file, renderHtml(sampleReport()))

    // The page's own Content-Security-Policy would refuse a stray fetch before any route saw it; bypass it so
    // this test catches the renderer, not the policy.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true })
    const attempted: string[] = []
    await page.route('**/*', (route) => {
      const url = route.request().url()
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue()
      attempted.push(url)
      return route.abort()
    })
    // A request the route never sees (e.g. refused by the page's own policy) still shows up here.
    page.on('request', (request) => {
      const url = request.url()
      if (!url.startsWith('file:') && !url.startsWith('data:') && !attempted.includes(url))
        attempted.push(url)
    })
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' })

    await expect.poll(() => page.locator('#summary').isVisible()).toBe(true)
    const charts = await page.locator('svg.chart').evaluateAll((svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect()
        return {
          chart: svg.getAttribute('data-chart'),
          width: box.width,
          height: box.height,
          shapes: svg.querySelectorAll('rect, path, circle').length,
        }
      }),
    )
    const kinds = new Set(charts.map((c) => c.chart))
    expect([...kinds].sort()).toEqual(['bars', 'cardinality', 'heatmap', 'histogram'])
    for (const chart of charts) {
      expect(chart.width, `${chart.chart} width`).toBeGreaterThan(0)
      expect(chart.height, `${chart.chart} height`).toBeGreaterThan(0)
      expect(chart.shapes, `${chart.chart} shapes`).toBeGreaterThan(0)
    }

    await page.screenshot({ path: resolve(OUTPUT, 'report.png'), fullPage: true })
    expect(attempted).toEqual([])
    await page.close()
  })
})
