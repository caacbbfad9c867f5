/**
 * The HTML report in a real browser: Debian's Chromium, headless, driven by playwright-core.
 * Checks that the grid and the matrix are there, that no request leaves the page, and that it
 * reads on a laptop screen; saves screenshots under test-output/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { renderHtmlReport } from "../src/report/html/render-html-report.js";
import { sampleModel } from "./support/sample-report-model.js";
import { hasBinary, REPO } from "./support/run-cli.js";

const CHROMIUM = "/usr/bin/chromium";
const available = hasBinary(CHROMIUM);
const OUT = join(REPO, "test-output");

describe.skipIf(!available)("HTML report in headless Chromium", () => {
  let browser: Browser;
  /** The reports opened, one file each; removed after the last test, passed or failed. */
  let dir: string;
  let opened = 0;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "hamon-report-"));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(nodesPerZone: number, width = 1366, height = 768) {
    const file = join(dir, `report-${++opened}.html`);
    writeFileSync(file, renderHtmlReport(sampleModel(nodesPerZone)));
    const page = await browser.newPage({ viewport: { width, height } });
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    return { page, requests, url: pathToFileURL(file).href };
  }

  it("shows the grid and the matrix, and requests nothing but itself", async () => {
    const { page, requests, url } = await open(2);
    expect(await page.locator("section.zone").count()).toBe(3);
    expect(await page.locator("table.matrix tbody tr").count()).toBeGreaterThan(0);
    expect(await page.locator("td.st-down").first().getAttribute("title")).toContain("Redis");
    expect(requests).toEqual([url]);
    // What the stack watches: a row per monitor, per alert and per dashboard, each reachable from the nav.
    const model = sampleModel(2);
    expect(await page.locator("#targets table tbody tr").count()).toBe(model.targets.length);
    expect(await page.locator("#alerts table tbody tr").count()).toBe(model.alerts.length);
    expect(await page.locator("#dashboards table tbody tr").count()).toBe(model.dashboards.length);
    expect(await page.locator("#alerts table tbody tr").nth(1).locator("td").first().innerText()).toBe("NodeDown <b>");
    expect(await page.locator("ul.daemons li").innerText()).toContain("one pod per node, on every eligible node (6)");
    for (const id of ["targets", "alerts", "dashboards"])
      expect(await page.locator(`nav a[href="#${id}"]`).count(), id).toBe(1);
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: join(OUT, "report-laptop.png"), fullPage: true });
    await page.close();
  });

  it("reads on a laptop screen without zooming: no horizontal scroll, body text ≥ 14px", async () => {
    const { page } = await open(2);
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      width: window.innerWidth,
      font: parseFloat(getComputedStyle(document.body).fontSize),
    }));
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
    expect(layout.font).toBeGreaterThanOrEqual(14);
    await page.close();
  });

  it("stays readable at 5,000 nodes", async () => {
    const { page } = await open(1667);
    expect(await page.locator("li.node.idle").count()).toBe(3);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(4000);
    await page.screenshot({ path: join(OUT, "report-5000-nodes.png"), fullPage: true });
    await page.close();
  });

  it("prints: a PDF renders with the matrix colours kept", async () => {
    const { page } = await open(2);
    await page.emulateMedia({ media: "print" });
    const adjust = await page.evaluate(() =>
      getComputedStyle(document.querySelector("td.st")!).getPropertyValue("print-color-adjust"),
    );
    expect(adjust).toBe("exact");
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
    await page.close();
  });
});
