import { Document, Packer, Paragraph, TextRun } from 'docx';
import { strToU8, zipSync } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** Files made by the tests themselves (pdf-lib, docx, fflate): small documents with French text, and bad ones. */
export async function pdfWith(lines: string[]): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  const page = document.addPage();
  lines.forEach((line, index) => page.drawText(line, { x: 40, y: 760 - index * 18, size: 12, font }));
  return Buffer.from(await document.save());
}

export async function docxWith(paragraphs: string[]): Promise<Buffer> {
  const document = new Document({
    sections: [{ children: paragraphs.map((text) => new Paragraph({ children: [new TextRun(text)] })) }],
  });
  return Packer.toBuffer(document);
}

/** Starts like a PDF, then is not one. */
export const corruptPdf = (): Buffer =>
  Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >>\ncassé, sans xref ni trailer\n');

/** An ELF executable's header: what a program renamed .pdf starts with. */
export const executable = (): Buffer =>
  Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(4096, 0x90)]);

const contentTypes = (part: string, type: string) =>
  `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="${part}" ContentType="${type}"/></Types>`;

/** The smallest XLSX, PPTX and ODT that file-type recognizes, holding the given French text (fflate writes the zip). */
export const xlsxWith = (cells: string[]): Buffer =>
  Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(
        contentTypes('/xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'),
      ),
      'xl/workbook.xml': strToU8('<workbook/>'),
      'xl/sharedStrings.xml': strToU8(`<sst>${cells.map((cell) => `<si><t>${cell}</t></si>`).join('')}</sst>`),
    }),
  );

export const pptxWith = (lines: string[]): Buffer =>
  Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(
        contentTypes(
          '/ppt/presentation.xml',
          'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
        ),
      ),
      'ppt/presentation.xml': strToU8('<presentation/>'),
      'ppt/slides/slide1.xml': strToU8(
        `<p:sld xmlns:a="a" xmlns:p="p">${lines.map((line) => `<a:p><a:r><a:t>${line}</a:t></a:r></a:p>`).join('')}</p:sld>`,
      ),
    }),
  );

export const odtWith = (paragraphs: string[]): Buffer =>
  Buffer.from(
    zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
      'content.xml': strToU8(
        `<office:document-content xmlns:office="o" xmlns:text="t"><office:body><office:text>${paragraphs
          .map((paragraph) => `<text:p>${paragraph}</text:p>`)
          .join('')}</office:text></office:body></office:document-content>`,
      ),
    }),
  );
