"""Reports a person reads: the CFO workbook and the Markdown summary of an inventory, the
uncertainty sections, plans (Markdown, workbook, charts), factor-edition comparisons and audits.

Pure: results in, text or bytes out; the CLI writes them. The layer sits below the API (which may
hand a report to a Python user) and above io (whose workbook cell writer, xlsx_book, they use).
A report is built once as a Document (document.py) and rendered by format (render_markdown.py,
render_xlsx.py, render_html.py; the terminal's cli/render_document.py).
"""
