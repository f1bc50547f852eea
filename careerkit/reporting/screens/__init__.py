"""The facilitator's dashboard screens: live counts, charts, downloads and new workshops."""
