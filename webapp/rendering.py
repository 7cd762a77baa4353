"""One way to answer a page: the whole template, or one named block of it for htmx."""
from flask import current_app, make_response, render_template
from htmx_flask import request


def is_targeted_htmx() -> bool:
    """An htmx request that swaps a fragment (a boosted navigation wants the full page)."""
    return bool(request.htmx) and not request.htmx.boosted


def render(template: str, block: str | None = None, status: int = 200, **context):
    """Render the page, or only `block` when htmx targets it; always `Vary: HX-Request`."""
    if block and is_targeted_htmx():
        env = current_app.jinja_env
        tmpl = env.get_template(template)
        ctx = tmpl.new_context(_template_context(context))
        body = "".join(tmpl.blocks[block](ctx))
    else:
        body = render_template(template, **context)
    response = make_response(body, status)
    response.vary.add("HX-Request")
    return response


def _template_context(context: dict) -> dict:
    merged = dict(context)
    current_app.update_template_context(merged)
    return merged
