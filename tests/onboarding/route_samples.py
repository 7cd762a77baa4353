"""URL parameters of the import routes for the route sweep: a kept (previewed) file in the region's subtree."""
from sqlalchemy import select

from tests.route_samples import sample, within
from webapp.extensions import db


@sample("batch_id")
def _batch(region_code: str):
    from webapp.auth.models import User
    from webapp.onboarding.models import ImportBatch

    found = db.session.scalar(select(ImportBatch.id).where(within(ImportBatch.region_code, region_code))
                              .order_by(ImportBatch.id).limit(1))
    if found is not None:
        return found
    batch = ImportBatch(kind="posyandu", region_code=region_code, created_by_id=db.session.scalar(select(User.id).limit(1)),
                        filename="sampel.xlsx", sha256="0" * 64, rows_json="[]")
    db.session.add(batch)
    db.session.commit()
    return batch.id
