package org.hazardloop.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class OpenApiConfiguration {

    static final String BASIC_AUTH = "basicAuth";

    @Bean
    OpenAPI hazardLoopOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Hazard Loop 隐患排查治理闭环管理 API")
                .version("v1")
                .description("""
                        隐患上报、台账查询与统计。隐患的交办、整改、验收、销号在 Camunda Tasklist 或引擎 REST API
                        （/engine-rest）中办理，本 API 只读台账。

                        每个请求须以 HTTP Basic 认证（Camunda 用户名和密码，如 curl -u inspector:demo）；未认证返回 401。
                        上报人即登录用户；查询和统计只包含登录用户有权查看的隐患。

                        错误一律为 RFC 9457 问题详情（application/problem+json）；400 的 errors 数组逐项列出无效的字段或参数。
                        时间均为带时区偏移的 ISO-8601。""")
                .license(new License().name("Apache-2.0")))
                .components(new Components().addSecuritySchemes(BASIC_AUTH, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("Camunda 用户名和密码（与 Tasklist 登录相同）")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
    }
}
