"""Export documents: a registry of kinds, their builders and the PDF/XLSX/ZIP writers."""
