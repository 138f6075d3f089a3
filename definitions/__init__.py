"""This site's catalogs: computer-vision tooling and the concepts around it.

kb reads this package because mkdocs.yml names it (``plugins: - kb: definitions:
definitions``); ``vocabularies.yml`` beside it is read first. Each catalog is a folder of
``catalog/`` with one YAML file per entry, validated by its model here.
"""

from __future__ import annotations

from pathlib import Path

from definitions.concepts import AnnotationTechnique, CaseStudy, SourcingMode, VisionTask
from definitions.generators import ImageGenerator
from definitions.optimizers import ImageOptimizer
from definitions.rules import RULES
from definitions.vendors import AnnotationVendor
from kb.data.definitions import Wording
from kb.data.models import CatalogSpec

CATALOGS = [
    CatalogSpec(
        "image-generators",
        ImageGenerator,
        "AI image generators",
        "AI image generator",
        "Text-to-image tools: access, pricing, features and the four selection criteria.",
        ("concepts/choosing-an-image-generator.md", "rating-method"),
    ),
    CatalogSpec(
        "image-optimizers",
        ImageOptimizer,
        "Image optimizers",
        "image optimizer",
        "Online and desktop image compressors: modes, formats and limits.",
    ),
    CatalogSpec(
        "annotation-vendors",
        AnnotationVendor,
        "Annotation vendors",
        "annotation vendor",
        "Data-annotation tools and services: techniques, data types, deployment.",
    ),
    CatalogSpec(
        "sourcing-modes",
        SourcingMode,
        "Sourcing modes",
        "sourcing mode",
        "Who does the labeling: in-house, outsource, crowdsource.",
        ("concepts/image-annotation.md", "sourcing"),
    ),
    CatalogSpec(
        "annotation-techniques",
        AnnotationTechnique,
        "Annotation techniques",
        "annotation technique",
        "The five ways of marking up images for training.",
    ),
    CatalogSpec(
        "vision-tasks",
        VisionTask,
        "Vision tasks",
        "task",
        "Recognition, classification and related tasks, and how they differ.",
        ("concepts/recognition-vs-classification.md", "differences"),
    ),
    CatalogSpec(
        "case-studies",
        CaseStudy,
        "Case studies",
        "case study",
        "Reported results of neural-network classifiers, with their caveats.",
    ),
]

# The site started from six articles of 2023 (kind: seed); an entry that rests on them alone
# is shown as the 2023 view until someone re-checks it.
WORDING = Wording(
    seed_mark="as reported in 2023",
    seed_title="As reported in 2023; not re-checked",
    seed_text="Every fact here comes from the 2023 articles the catalog started from, and "
    "nobody has compared them with current sources since. Read them as the 2023 view",
    seed_stale="rests only on the 2023 seed articles (not re-checked)",
)

DIAGRAMS = Path(__file__).with_name("diagrams.yml")

__all__ = [
    "CATALOGS",
    "DIAGRAMS",
    "RULES",
    "WORDING",
    "AnnotationTechnique",
    "AnnotationVendor",
    "CaseStudy",
    "ImageGenerator",
    "ImageOptimizer",
    "SourcingMode",
    "VisionTask",
]
