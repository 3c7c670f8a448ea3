"""`spinscope stats`: what a store of analysed articles says, by outlet and period; tables, charts, dashboard.

Everything here only reads a store (see spinscope/store/schema.sql); nothing writes to it.
"""
