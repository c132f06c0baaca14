package org.hazardloop.hazard;

/** The sectors the campaign documents name; the code is what clients send. */
public enum Sector {
    FIRE("消防"),
    ELECTRICITY("用电"),
    GAS("燃气"),
    HAZARDOUS_CHEMICALS("危化品"),
    HOT_WORK("动火动焊"),
    CONFINED_SPACE("有限空间"),
    SPECIAL_EQUIPMENT("特种设备"),
    CONSTRUCTION("建筑施工"),
    ROAD_TRANSPORT("道路交通"),
    WATER_TRANSPORT("水上交通"),
    MINING("矿山"),
    FIREWORKS("烟花爆竹"),
    CROWDED_PLACES("人员密集场所"),
    TOURISM("旅游"),
    CITY_WATER_SUPPLY("城市供水"),
    CITY_GAS_SUPPLY("城市供气"),
    CITY_POWER_SUPPLY("城市供电"),
    CONTRACTORS("相关方管理"),
    OTHER("其他");

    private final String label;

    Sector(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
