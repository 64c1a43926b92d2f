/**
 * A tagged, accessible PDF (PDF/UA-minded): real text in standard fonts,
 * `lang` fr-FR, a title shown in the window bar, and a structure tree
 * (headings, paragraphs, tables with header cells), so that a screen reader
 * reads a convocation or a transcript as a candidate expects.
 */
export interface AccessiblePdf {
  readonly doc: PDFKit.PDFDocument;
  /** A new page with its own section in the structure tree. */
  section(): PDFKit.PDFStructureElement;
  heading(parent: PDFKit.PDFStructureElement, level: 1 | 2, text: string): void;
  paragraph(parent: PDFKit.PDFStructureElement, text: string, bold?: boolean): void;
  list(parent: PDFKit.PDFStructureElement, items: readonly string[]): void;
  table(
    parent: PDFKit.PDFStructureElement,
    header: readonly string[],
    rows: readonly (readonly string[])[],
    widths: readonly number[],
    /** The least height of a body row, in points: room to sign or write a mark by hand. */
    minRowHeight?: number,
  ): void;
  /** Ends the document and resolves with its bytes. */
  finish(): Promise<Buffer>;
}

const MARGIN = 50;

// Loaded at the first PDF, not at start-up: pdfkit and its fonts are about
// 15 MB of every API process's resident memory, and few requests ask for a
// document (docs/performance.md, « The API's memory at rest »).
const loadPdfkit = () => import('pdfkit').then((module) => module.default);
let pdfkit: ReturnType<typeof loadPdfkit> | undefined;

export async function accessiblePdf(input: {
  readonly title: string;
  readonly createdAt: Date;
}): Promise<AccessiblePdf> {
  const PDFDocument = await (pdfkit ??= loadPdfkit());
  const doc = new PDFDocument({
    tagged: true,
    lang: 'fr-FR',
    displayTitle: true,
    pdfVersion: '1.7',
    autoFirstPage: false,
    margin: MARGIN,
    size: 'A4',
    info: {
      Title: input.title,
      Author: 'Académie de Reims — épreuves de contrôle BTS',
      Subject: input.title,
      CreationDate: input.createdAt,
      ModDate: input.createdAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });
  const sections: PDFKit.PDFStructureElement[] = [];

  const textIn = (
    parent: PDFKit.PDFStructureElement,
    structType: string,
    text: string,
    font: string,
    size: number,
  ) => {
    doc.font(font).fontSize(size).text(text, { structParent: parent, structType });
  };

  return {
    doc,
    section() {
      doc.addPage();
      const section = doc.struct('Sect');
      doc.addStructure(section);
      sections.push(section);
      return section;
    },
    heading(parent, level, text) {
      textIn(parent, `H${level}`, text, 'Helvetica-Bold', level === 1 ? 16 : 12.5);
      doc.moveDown(0.4);
    },
    paragraph(parent, text, bold = false) {
      textIn(parent, 'P', text, bold ? 'Helvetica-Bold' : 'Helvetica', 10.5);
    },
    list(parent, items) {
      // A list's items belong to an L element, or readers announce no list.
      const list = doc.struct('L');
      parent.add(list);
      doc
        .font('Helvetica')
        .fontSize(10.5)
        .list([...items], { structParent: list, listType: 'bullet' });
      list.end();
    },
    table(parent, header, rows, widths, minRowHeight = 0) {
      const table = doc.struct('Table');
      parent.add(table);
      const drawRow = (cells: readonly string[], cellType: 'TH' | 'TD') => {
        const font = cellType === 'TH' ? 'Helvetica-Bold' : 'Helvetica';
        doc.font(font).fontSize(9.5);
        const heights = cells.map((c, i) =>
          doc.heightOfString(c, { width: (widths[i] ?? 80) - 6 }),
        );
        const height = Math.max(Math.max(...heights) + 6, cellType === 'TD' ? minRowHeight : 0);
        if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
        const y = doc.y;
        const tr = doc.struct('TR');
        table.add(tr);
        let x = MARGIN;
        cells.forEach((cell, i) => {
          const width = widths[i] ?? 80;
          tr.add(
            doc.struct(cellType, {}, () => {
              doc
                .font(font)
                .fontSize(9.5)
                .text(cell, x + 3, y + 3, { width: width - 6 });
            }),
          );
          x += width;
        });
        doc
          .moveTo(MARGIN, y + height)
          .lineTo(x, y + height)
          .lineWidth(0.5)
          .strokeColor('#888888')
          .stroke();
        doc.x = MARGIN;
        doc.y = y + height;
        tr.end();
      };
      drawRow(header, 'TH');
      for (const row of rows) drawRow(row, 'TD');
      table.end();
      doc.moveDown(0.6);
    },
    finish() {
      for (const s of sections) s.end();
      doc.end();
      return done;
    },
  };
}
