"""The export framework for both programmes: ``ExportJob`` (one requested document,
rendered by a worker), the registry that each programme fills with its kinds, the
PDF and XLSX writers, the job services, tasks and pages."""
