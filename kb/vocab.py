"""Controlled vocabularies: enums whose members carry a reader-facing label and, for ordinal
scales, a rank (so ``cheap < average < expensive`` sorts by meaning, not alphabetically)."""

from __future__ import annotations

from enum import Enum


class Vocab(str, Enum):  # noqa: UP042 -- explicit str mix-in beside a custom __new__
    """A controlled vocabulary. The YAML value is the member's value (a short code); the
    label is what readers see; ``rank`` is set only on ordinal scales."""

    label: str
    rank: int | None

    def __new__(cls, value: str, label: str, rank: int | None = None) -> Vocab:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        obj.rank = rank
        return obj

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def is_ordinal(cls) -> bool:
        """True when every member has a rank."""
        return all(m.rank is not None for m in cls)


class Level(Vocab):
    """An ordinal level: low < average < high."""

    LOW = ("low", "Low", 1)
    AVERAGE = ("average", "Average", 2)
    HIGH = ("high", "High", 3)


class CostLevel(Vocab):
    """An ordinal price level: cheap < average < expensive."""

    CHEAP = ("cheap", "Cheap", 1)
    AVERAGE = ("average", "Average", 2)
    EXPENSIVE = ("expensive", "Expensive", 3)


class PricingModel(Vocab):
    """How a product is paid for."""

    FREE = ("free", "Free")
    FREE_TIER = ("free-tier", "Free tier")
    FREE_TRIAL = ("free-trial", "Free trial")
    CREDITS = ("credits", "Credits")
    SUBSCRIPTION = ("subscription", "Subscription")
    ONE_TIME = ("one-time", "One-time purchase")
    PAY_PER_USE = ("pay-per-use", "Pay per use")
    QUOTE = ("quote", "Custom quote")


class AccessChannel(Vocab):
    """Where a product is used."""

    WEB = ("web", "Web app")
    DISCORD = ("discord", "Discord")
    IOS = ("ios", "iOS app")
    ANDROID = ("android", "Android app")
    DESKTOP = ("desktop", "Desktop app")
    API = ("api", "API")


class GeneratorFeature(Vocab):
    """A capability of an AI image generator."""

    TEXT_TO_IMAGE = ("text-to-image", "Text to image")
    IMAGE_TO_IMAGE = ("image-to-image", "Image to image")
    INPAINTING = ("inpainting", "Inpainting")
    OUTPAINTING = ("outpainting", "Outpainting")
    ANIME_STYLE = ("anime-style", "Anime style")
    STYLE_PRESETS = ("style-presets", "Style presets")
    TEMPLATES = ("templates", "Templates")
    IMAGE_EDITING = ("image-editing", "Image editing")
    VIDEO = ("video", "Video creation")
    PRINTS = ("prints", "Print orders")
    BULK_DOWNLOAD = ("bulk-download", "Bulk download")
    COLLECTIONS = ("collections", "Collections")
    LICENSING = ("licensing", "Image licensing")
    COMMUNITY = ("community", "Community")


class Ownership(Vocab):
    """Who holds the rights to generated images, as the vendor states it."""

    USER = ("user", "The user")
    LICENSED = ("licensed", "Licensed to the user")
    UNSTATED = ("unstated", "Not stated")


class ToolKind(Vocab):
    """How an image tool is run."""

    ONLINE = ("online", "Online")
    DESKTOP = ("desktop", "Desktop")
    PLUGIN = ("plugin", "Plugin")
    API = ("api", "API")
    CLI = ("cli", "Command line")


class CompressionMode(Vocab):
    """Whether compression discards information."""

    LOSSLESS = ("lossless", "Lossless")
    LOSSY = ("lossy", "Lossy")


class ImageFormat(Vocab):
    """An image file format."""

    JPEG = ("jpeg", "JPEG")
    PNG = ("png", "PNG")
    GIF = ("gif", "GIF")
    SVG = ("svg", "SVG")
    WEBP = ("webp", "WebP")
    AVIF = ("avif", "AVIF")
    BMP = ("bmp", "BMP")
    TIFF = ("tiff", "TIFF")
    PSD = ("psd", "PSD")
    RAW = ("raw", "Camera RAW")
    HDR = ("hdr", "HDR")
    HEIC = ("heic", "HEIC")
    ICO = ("ico", "ICO")


class Integration(Vocab):
    """A product or service an image tool plugs into."""

    WORDPRESS = ("wordpress", "WordPress")
    PHOTOSHOP = ("photoshop", "Photoshop")
    GIMP = ("gimp", "GIMP")
    IRFANVIEW = ("irfanview", "IrfanView")
    XNVIEW = ("xnview", "XnView")
    DROPBOX = ("dropbox", "Dropbox")
    GOOGLE_DRIVE = ("google-drive", "Google Drive")
    BOX = ("box", "Box")
    WINDOWS_EXPLORER = ("windows-explorer", "Windows Explorer")
    MICROSOFT_OFFICE = ("microsoft-office", "Microsoft Office")
    FACEBOOK = ("facebook", "Facebook")
    TWITTER = ("twitter", "Twitter")


class OptimizerFeature(Vocab):
    """A capability of an image optimizer."""

    QUALITY_CONTROL = ("quality-control", "Quality control")
    PREVIEW = ("preview", "Before/after preview")
    RESIZE = ("resize", "Resize")
    CROP_ROTATE = ("crop-rotate", "Crop and rotate")
    FORMAT_CONVERSION = ("format-conversion", "Format conversion")
    DRAG_AND_DROP = ("drag-and-drop", "Drag and drop")
    ZIP_DOWNLOAD = ("zip-download", "ZIP download")
    BATCH = ("batch", "Batch processing")
    TARGET_SIZE = ("target-size", "Target file size")
    RETOUCHING = ("retouching", "Retouching")
    OBJECT_REMOVAL = ("object-removal", "Object removal")
    COLOR_ADJUSTMENT = ("color-adjustment", "Colour adjustment")
    EFFECTS = ("effects", "Effects and captions")
    AUTO_OPTIMIZE = ("auto-optimize", "Automatic optimization")


class Offering(Vocab):
    """What an annotation vendor sells."""

    TOOL = ("tool", "Software tool")
    SERVICE = ("service", "Managed labeling service")
    TOOL_AND_SERVICE = ("tool-and-service", "Tool and service")


class License(Vocab):
    """How software is licensed."""

    OPEN_SOURCE = ("open-source", "Open source")
    OPEN_CORE = ("open-core", "Open core")
    COMMERCIAL = ("commercial", "Commercial")


class DataType(Vocab):
    """A kind of data that can be annotated."""

    IMAGE = ("image", "Images")
    VIDEO = ("video", "Video")
    TEXT = ("text", "Text")
    AUDIO = ("audio", "Audio")
    POINT_CLOUD = ("point-cloud", "3D point clouds")
    MEDICAL = ("medical", "Medical imaging (DICOM)")
    GEOSPATIAL = ("geospatial", "Geospatial imagery")
    DOCUMENT = ("document", "Documents")


class Deployment(Vocab):
    """Where an annotation tool runs."""

    CLOUD = ("cloud", "Cloud (SaaS)")
    SELF_HOSTED = ("self-hosted", "Self-hosted")
    ON_PREMISES = ("on-premises", "On-premises (vendor-supported)")
    DESKTOP = ("desktop", "Desktop")


class Geometry(Vocab):
    """The shape an annotation technique produces."""

    BOX = ("box", "Rectangle or cuboid")
    POINTS = ("points", "Key points")
    PIXELS = ("pixels", "Pixel mask")
    POLYGON = ("polygon", "Closed polygon")
    LINE = ("line", "Open line")


class Dimension(Vocab):
    """Spatial dimensionality of an annotation."""

    TWO_D = ("2d", "2D")
    THREE_D = ("3d", "3D")


class Modality(Vocab):
    """The kind of input a model works on."""

    IMAGE = ("image", "Images")
    TEXT = ("text", "Text")
    TABULAR = ("tabular", "Tabular data")


class ApplicationArea(Vocab):
    """A field where computer vision is applied."""

    MEDICAL_IMAGING = ("medical-imaging", "Medical imaging")
    SECURITY = ("security", "Security")
    ENVIRONMENTAL_MONITORING = ("environmental-monitoring", "Environmental monitoring")
    AUTONOMOUS_VEHICLES = ("autonomous-vehicles", "Autonomous vehicles")
    E_COMMERCE = ("e-commerce", "E-commerce")
    PHOTO_ORGANISATION = ("photo-organisation", "Photo organisation")


class Activation(Vocab):
    """An output-layer activation function."""

    SIGMOID = ("sigmoid", "Sigmoid")
    SOFTMAX = ("softmax", "Softmax")


class Metric(Vocab):
    """How a reported result was measured."""

    TRAIN_ACCURACY = ("train-accuracy", "Accuracy on training data")
    TEST_ACCURACY = ("test-accuracy", "Accuracy on held-out test data")


class SourceKind(Vocab):
    """What kind of page a source is: how far a reader can lean on it."""

    SEED = ("seed", "2023 article the catalog started from")
    VENDOR = ("vendor", "Maker's own page")
    THIRD_PARTY = ("third-party", "Third party")


class Status(Vocab):
    """Whether a product is still offered."""

    ACTIVE = ("active", "Active")
    DISCONTINUED = ("discontinued", "Discontinued")
    SUPERSEDED = ("superseded", "Superseded")
