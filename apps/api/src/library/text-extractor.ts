import { Worker } from 'node:worker_threads';

import { Injectable } from '@nestjs/common';

/** How long one file may take to read before it is given up as failed. */
const EXTRACTION_TIMEOUT_MS = 60_000;
/** The most text kept per version: enough for search and an excerpt. */
export const MAX_EXTRACTED_CHARS = 2_000_000;

export type ExtractionOutcome = { status: 'done'; text: string } | { status: 'failed' | 'none'; reason: string };

/**
 * The extraction runs in a worker thread of its own: a large or hostile file cannot stall the api's event loop, and
 * pdf.js (an ES module) loads there natively. It is plain JavaScript because it runs as is, uncompiled.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFile } = require('node:fs/promises');
const { pathToFileURL } = require('node:url');

async function pdfText(path) {
  const { getDocument, VerbosityLevel } = await import(pathToFileURL(workerData.pdfjs).href);
  const data = new Uint8Array(await readFile(path));
  const document = await getDocument({ data, verbosity: VerbosityLevel.ERRORS, isEvalSupported: false, useSystemFonts: false }).promise;
  const pages = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => item.str ?? '').join(' '));
    page.cleanup();
  }
  await document.destroy();
  return pages.join('\\n');
}

async function docxText(path) {
  const mammoth = require(workerData.mammoth);
  return (await mammoth.extractRawText({ path })).value;
}

/** Office Open XML and OpenDocument files are zips of XML: their text is the text of some entries. */
function zippedXmlText(entryPattern, breakAfter) {
  return async (path) => {
    const { unzipSync, strFromU8 } = require(workerData.fflate);
    const { Parser } = require(workerData.htmlparser2);
    const entries = unzipSync(new Uint8Array(await readFile(path)), { filter: (file) => entryPattern.test(file.name) });
    const names = Object.keys(entries).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    const parts = [];
    for (const name of names) {
      const parser = new Parser(
        {
          ontext: (text) => parts.push(text),
          onclosetag: (tag) => breakAfter.test(tag) && parts.push('\\n'),
        },
        { xmlMode: true, decodeEntities: true },
      );
      parser.write(strFromU8(entries[name]));
      parser.end();
    }
    return parts.join('').replace(/[ \\t]+\\n/g, '\\n').trim();
  };
}

async function plainText(path) {
  const bytes = await readFile(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const readers = {
  'application/pdf': pdfText,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': docxText,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': zippedXmlText(/^ppt\\/slides\\/slide\\d+\\.xml$/, /^a:p$/),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': zippedXmlText(/^xl\\/sharedStrings\\.xml$/, /^si$/),
  'application/vnd.oasis.opendocument.text': zippedXmlText(/^content\\.xml$/, /^text:(p|h)$/),
  'application/vnd.oasis.opendocument.spreadsheet': zippedXmlText(/^content\\.xml$/, /^text:p$/),
  'text/plain': plainText,
  'text/markdown': plainText,
};

(async () => {
  const reader = readers[workerData.mimeType];
  if (!reader) return parentPort.postMessage({ status: 'none', reason: 'Pas de lecture du texte pour ce format' });
  try {
    const text = await reader(workerData.path);
    parentPort.postMessage({ status: 'done', text });
  } catch (error) {
    parentPort.postMessage({ status: 'failed', errorName: error && error.name, message: String(error && error.message) });
  }
})();
`;

const failureReason = (name: string | undefined, mimeType: string): string => {
  if (name === 'PasswordException') return 'PDF protégé par un mot de passe';
  if (mimeType === 'application/pdf') return 'PDF illisible ou endommagé';
  return 'Document illisible ou endommagé';
};

/**
 * Reads the text of a file for search: PDF (pdf.js), DOCX (mammoth), PPTX, XLSX, ODT and ODS (their XML, unzipped with
 * fflate and read with htmlparser2), TXT and MD. Images are kept without text.
 */
@Injectable()
export class TextExtractor {
  private readonly modules = {
    pdfjs: require.resolve('pdfjs-dist/legacy/build/pdf.mjs'),
    mammoth: require.resolve('mammoth'),
    fflate: require.resolve('fflate'),
    htmlparser2: require.resolve('htmlparser2'),
  };

  extract(path: string, mimeType: string): Promise<ExtractionOutcome> {
    return new Promise((resolve) => {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ...this.modules, path, mimeType } });
      const finish = (outcome: ExtractionOutcome) => {
        clearTimeout(timer);
        void worker.terminate();
        resolve(outcome);
      };
      const timer = setTimeout(
        () => finish({ status: 'failed', reason: `Lecture trop longue (plus de ${EXTRACTION_TIMEOUT_MS / 1000} s)` }),
        EXTRACTION_TIMEOUT_MS,
      );
      worker.once(
        'message',
        (message: { status: 'done' | 'failed' | 'none'; text?: string; reason?: string; errorName?: string }) => {
          if (message.status === 'done') {
            finish({ status: 'done', text: (message.text ?? '').slice(0, MAX_EXTRACTED_CHARS) });
          } else {
            finish({ status: message.status, reason: message.reason ?? failureReason(message.errorName, mimeType) });
          }
        },
      );
      worker.once('error', (error) => finish({ status: 'failed', reason: failureReason(error.name, mimeType) }));
    });
  }
}
