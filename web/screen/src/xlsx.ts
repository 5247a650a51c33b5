/** The table as an Excel workbook. exceljs is large: this module loads only when asked for. */
import type { ExportTable } from './export-table';

export async function toXlsx(table: ExportTable, title: string): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('榜单', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
    views: [{ state: 'frozen', ySplit: 2 }],
  });
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow(table.headers).font = { bold: true };
  sheet.addRows(table.rows);
  sheet.columns.forEach((column, index) => {
    const widest = Math.max(
      ...[table.headers, ...table.rows].map((r) => String(r[index] ?? '').length),
    );
    column.width = Math.min(40, Math.max(6, widest * 2));
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
}
