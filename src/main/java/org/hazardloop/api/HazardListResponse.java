package org.hazardloop.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.hazardloop.hazard.HazardPage;

@Schema(name = "HazardList", description = "台账查询结果的一页")
public record HazardListResponse(
        @Schema(description = "本页条目") List<HazardListItem> items,
        @Schema(description = "页码，从 0 开始") int page,
        @Schema(description = "每页条数") int size,
        @Schema(description = "符合条件的条目总数") long totalItems,
        @Schema(description = "总页数") int totalPages) {

    static HazardListResponse of(HazardPage<HazardListItem> page) {
        return new HazardListResponse(page.items(), page.page(), page.size(), page.totalItems(), page.totalPages());
    }
}
