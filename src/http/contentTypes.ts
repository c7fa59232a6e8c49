/** The media type of an Excel workbook (.xlsx), for every download that is one. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
