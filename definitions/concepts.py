"""The concepts around the tools: sourcing modes, annotation techniques, vision tasks and
reported classification results."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from kb.data import vocab as v
from kb.data.fields import (
    MAX_LIST,
    Bool,
    Column,
    Display,
    Fact,
    Float,
    Int,
    LowerIsBetter,
    Ref,
    RefTo,
    Text,
)
from kb.data.models import CostRating, Entry, LevelRating, Many, Remark, Some
from kb.data.numbers import format_number

TaskId = Annotated[Ref, RefTo("vision-tasks")]


class SourcingMode(Entry):
    """A way of staffing annotation work."""

    time_required: Annotated[LevelRating, Column(), LowerIsBetter()] = Field(
        title="Time required", description="How long labeling takes: low, average, high."
    )
    price: Annotated[CostRating, Column()] = Field(
        title="Price", description="What it costs: cheap, average, expensive."
    )
    labeling_quality: Annotated[LevelRating, Column(short="Quality")] = Field(
        title="Quality of labeling", description="Quality of the labels: low, average, high."
    )
    security: Annotated[LevelRating, Column()] = Field(
        title="Security", description="How well the data is protected: low, average, high."
    )
    who_labels: Annotated[Text, Column(default=False)] = Field(
        title="Who labels", description="Who does the labeling work."
    )


class AnnotationTechnique(Entry):
    """A way of marking up images for supervised learning."""

    geometry: Annotated[v.Term, v.vocab("geometry"), Column()] = Field(
        title="Geometry", description="The shape it draws on the image."
    )
    dimensions: Annotated[Some[v.Term], v.vocab("dimension"), Column()] = Field(
        title="Dimensions", description="2d, 3d, or both."
    )
    typical_uses: Annotated[Some[Text], Column(short="Used for")] = Field(
        title="Typical uses", description="What it is typically used to teach a model."
    )


class Application(BaseModel):
    """What a task does in one application area."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    area: Annotated[v.Term, v.vocab("application-area")] = Field(
        title="Area", description="The application area."
    )
    role: Text = Field(title="Role", description="What the task does in that area.")


class VisionTask(Entry):
    """A machine-learning task, chiefly in computer vision."""

    modality: Annotated[v.Term, v.vocab("modality"), Column()] = Field(
        title="Input", description="The kind of data the task works on."
    )
    focus: Annotated[Text, Column()] = Field(
        title="Focus", description="What the task is about, in a phrase."
    )
    output: Annotated[Text, Column()] = Field(title="Output", description="What the model returns.")
    localizes: Annotated[Bool, Column()] = Field(
        title="Locates objects", description="true when it says where objects are."
    )
    complexity: Annotated[LevelRating, Column(), LowerIsBetter()] = Field(
        title="Complexity", description="Relative complexity: low, average, high."
    )
    processing_time: Annotated[LevelRating, Column(short="Processing"), LowerIsBetter()] = Field(
        title="Processing time", description="Relative compute time: low, average, high."
    )
    use_cases: Annotated[Some[Text], Column()] = Field(
        title="Use cases", description="Typical uses."
    )
    applications: Many[Application] = Field(
        default_factory=list,
        title="Applications",
        description="What it does in each application area (area, role).",
    )
    part_of: Annotated[TaskId | None, Column(default=False)] = Field(
        default=None, title="Part of", description="Id of the broader task this one belongs to."
    )


class CaseStudy(Entry):
    """A reported classification result from a published walkthrough."""

    task: Annotated[TaskId, Column()] = Field(
        title="Task", description="Id of the task in vision-tasks."
    )
    model_type: Annotated[Text, Column(short="Model")] = Field(
        title="Model", description="Architecture in a phrase, e.g. 'LSTM with word embeddings'."
    )
    dataset: Annotated[Text, Column(default=False)] = Field(
        title="Dataset", description="The data set used."
    )
    samples: Annotated[Int | None, Column(), Display("count"), Fact()] = Field(
        default=None,
        ge=1,
        le=10**10,
        title="Samples",
        description="Number of records, as reported.",
    )
    test_share: Annotated[Float | None, Column(short="Held out"), Display("percent"), Fact()] = (
        Field(
            default=None, gt=0, lt=1, title="Test share", description="Fraction held out, e.g. 0.2."
        )
    )
    # Not Many[...]: a network often repeats a layer (the seed's churn ANN has two identical
    # hidden layers), so layers may repeat.
    layers: Annotated[list[Text], Field(max_length=MAX_LIST)] = Field(
        default_factory=list, title="Layers", description="The layers, input to output."
    )
    output_activation: Annotated[
        v.Term | None, v.vocab("activation"), Column(short="Activation", default=False)
    ] = Field(default=None, title="Output activation", description="sigmoid or softmax.")
    loss: Annotated[Text | None, Column(default=False)] = Field(
        default=None, title="Loss", description="Loss function."
    )
    optimizer: Annotated[Text | None, Column(default=False)] = Field(
        default=None, title="Optimizer", description="Optimizer."
    )
    epochs: Annotated[Int | None, Column(default=False), Display("count")] = Field(
        default=None, ge=1, le=10**6, title="Epochs", description="Epochs trained."
    )
    metric: Annotated[v.Term, v.vocab("metric"), Column()] = Field(
        title="Metric", description="How the result was measured."
    )
    result: Annotated[Float, Column(), Display("percent"), Fact()] = Field(
        ge=0, le=1, title="Result", description="Reported figure as a fraction (0.8659)."
    )
    majority_baseline: Annotated[
        Float | None, Column(short="Baseline"), Display("percent"), Fact()
    ] = Field(
        default=None,
        ge=0,
        le=1,
        title="Majority-class baseline",
        description="Accuracy of always predicting the most common class, when known.",
    )

    def remarks(self) -> dict[str, Remark]:
        """A held-out accuracy at or below the majority-class baseline says so: always
        answering the most common class would have scored as well, so the figure is no
        evidence that the model learned anything. A training-data figure is not compared."""
        base = self.majority_baseline
        if base is None or self.metric != "test-accuracy" or self.result > base:
            return {}
        shown = format_number(base, "percent")
        lower = self.result < base
        return {
            "result": Remark(
                f"{'below' if lower else 'no better than'} the majority baseline ({shown})",
                f"Always answering the most common class scores {shown} on the same data; "
                f"this result is {'lower' if lower else 'the same'}.",
            )
        }
