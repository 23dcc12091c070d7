"""A Chinese province, autonomous region or municipality: /province?name=Jiangsu"""

from components import place_page

place_page.show("province")
