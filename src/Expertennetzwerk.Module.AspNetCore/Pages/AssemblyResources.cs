using Microsoft.Extensions.Localization;

// The pages' texts are found under Resources/ whatever ResourcesPath the host gives its own localisation.
[assembly: ResourceLocation("Resources")]
