import { Document, Packer, Paragraph, TextRun } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** Files made by the tests themselves (pdf-lib, docx): a small PDF and DOCX with French text, and bad ones. */
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
