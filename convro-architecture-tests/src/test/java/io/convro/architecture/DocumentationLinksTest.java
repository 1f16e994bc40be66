package io.convro.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A fresh clone's documentation is whole: every relative link in README.md and docs/ names a file inside the
 * repository that exists, and no page points at the sibling {@code ../shared} folder the project was started from
 * (the wire contract is kept in docs/contract/).
 */
class DocumentationLinksTest {
    /** {@code [text](target)}: the target up to a space, a '#' or the closing parenthesis. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s#]+)(?:#[^)]*)?\\)");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyRelativeLinkStaysInsideTheRepositoryAndExists() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            String text = Files.readString(page);
            assertThat(text).as("%s names the sibling shared folder", ROOT.relativize(page)).doesNotContain("../shared");
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.contains("://") || target.startsWith("mailto:")) {
                    continue;
                }
                Path resolved = page.getParent().resolve(target).normalize();
                if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    broken.add(ROOT.relativize(page) + " -> " + target);
                }
            }
        }
        assertThat(broken).as("links that leave the repository or name a missing file").isEmpty();
    }

    @Test
    void theWireContractIsPartOfTheRepository() {
        assertThat(ROOT.resolve("docs/contract/API.md")).isRegularFile();
        assertThat(ROOT.resolve("docs/seed/convro-api-notes.txt")).isRegularFile();
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).forEach(pages::add);
        }
        assertThat(pages).as("README.md and docs/ are found from the module folder").hasSizeGreaterThan(3);
        return pages;
    }
}
