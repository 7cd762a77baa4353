"""DHIS2 exchange (issue 25 §2): the verified monthly reports of a kecamatan or kabupaten as ADX and
dataValueSet files, and the metadata package that declares their data set, elements and org units.

A reader like the dashboards: it reads the reports and the region tree; nothing below imports it. The
recap and dashboard pages offer its files through the `dhis2_links` template global.
"""


def init_app(app) -> None:
    from webapp.exchange import links, views

    app.register_blueprint(views.bp)
    app.jinja_env.globals["dhis2_links"] = links.dhis2_links
