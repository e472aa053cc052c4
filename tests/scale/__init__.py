"""Billing a month in partitions, in this process and on a Dask cluster."""
