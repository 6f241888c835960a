"""The CloudFormation merge template that ``chalice package`` folds into its own template.

Each module adds one concern (tables, IAM, streams, monitoring, API settings); ``merge``
assembles them over the functions found in Chalice's template.
"""
