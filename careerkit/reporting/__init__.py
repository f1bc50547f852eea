"""The facilitator's numbers: privacy-checked figures, charts, tables, report, exports, dashboard."""
