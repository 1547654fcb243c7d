"""Adapters for data-processing frameworks. Import the submodule you need:

* :mod:`newsclean.integrations.datatrove` — ``NewscleanStep``, a datatrove pipeline step
  (``pip install 'newsclean[datatrove]'``);
* :mod:`newsclean.integrations.ray` — ``NewscleanMapper`` for ``ray.data.Dataset.map_batches``
  (``pip install 'newsclean[ray]'``).

Nothing here is imported by ``import newsclean``; each submodule imports its framework lazily
or on import of that submodule only.
"""
