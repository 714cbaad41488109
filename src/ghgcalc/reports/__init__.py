"""Reports a person reads: the CFO workbook and the Markdown summary of an inventory, the
uncertainty sections, plans (Markdown, workbook, charts), factor-edition comparisons and audits.

Pure: results in, text or bytes out; the CLI writes them. They sit above io (whose workbook cell
writer, xlsx_book, they use) and below the API, which never needs them.
"""
