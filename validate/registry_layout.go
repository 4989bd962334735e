package validate

// layoutRules: §1 folder layout, §13 icon.png.
var layoutRules = []Rule{
	// §1 Files and folder layout
	{ID: "ExtraFileInConnectorFolder", Severity: Warning, Kinds: AllKinds, Section: "1",
		Summary: "A top-level file outside the per-kind allow-list: screenshots, .pdf, .msapp, a second swagger or package .zip."},
	{ID: "SubfolderInConnectorFolder", Severity: Warning, Kinds: Publishable, Section: "1",
		Summary: "A directory inside the connector folder (images/, screenshots/, assets/)."},
	{ID: "FolderNameTitleMismatch", Severity: Notice, Kinds: Publishable, Section: "1",
		Summary: "The folder name differs from info.title, ignoring case, spaces and punctuation; the folder can't be renamed later."},

	// §13 Icon
	{ID: "IconNotAllowed", Severity: Error, Kinds: IndependentPublisher, Section: "13",
		Summary: "An independent publisher's folder has an icon.png (or any icon.*); Microsoft applies a generic icon."},
	{ID: "IconFormatInvalid", Severity: Error, Kinds: Certified, Section: "13", Policy: "5000.2.1.3",
		Summary: "The certified icon lacks the PNG signature, can't be decoded, or is named other than icon.png (icon.jpg)."},
	{ID: "IconDimensionsInvalid", Severity: Warning, Kinds: Certified, Section: "13", Policy: "5000.2.1.4", New: Error,
		Summary: "The certified icon isn't square (error for a new submission) or is square but not 230 x 230 (warning)."},
	{ID: "IconTooLarge", Severity: Error, Kinds: Certified, Section: "13", Policy: "5000.2.1.2",
		Summary: "The certified icon is over 1 MiB."},
	{ID: "IconBackgroundInvalid", Severity: Warning, Kinds: Certified, Section: "13", New: Error,
		Summary: "A corner pixel is transparent, white or the default #007ee5 (error), or more than an RGB distance of 32 from iconBrandColor (warning)."},
}

// layoutChecks run the layout rules.
var layoutChecks = []check{checkLayout, checkIcon}
